package org.i4tracker.programme;

/**
 * What an RTI offers a firm inside a programme (seed 002: audits, training, access to pilot
 * plants, co-funded projects; seed 003: brokered networks and shared technology watch).
 */
public enum ProgrammeServiceType {
    DIGITAL_AUDIT, TRAINING, PILOT_PLANT_ACCESS, CO_FUNDED_PROJECT, CONSULTANCY, TECHNOLOGY_WATCH, NETWORK_BROKERAGE
}
