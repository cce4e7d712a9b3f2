-- Failed logins counted per (username, source address) pair and per username across all addresses,
-- shared by every instance; replaces the per-username lock of login_throttle.
CREATE TABLE login_failure (
    subject          VARCHAR(300) PRIMARY KEY,
    failures         INT NOT NULL,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until    TIMESTAMP WITH TIME ZONE
);

DROP TABLE login_throttle;
