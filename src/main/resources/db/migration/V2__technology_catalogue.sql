-- The technologies tracked for diffusion out of the box (DESIGN.md §2); admins add more through the API.
INSERT INTO technology (code, name, description) VALUES
 ('ERP_MES', 'ERP/MES integration', 'Enterprise resource planning linked to manufacturing execution'),
 ('CONNECTED_MACHINES', 'Connected machines / IIoT', 'Machines reporting state and counts over a network'),
 ('ADDITIVE_MANUFACTURING', 'Additive manufacturing', '3D printing of prototypes, tools or parts'),
 ('ROBOTICS', 'Robotics and cobots', 'Industrial robots or collaborative robots on the shop floor'),
 ('CLOUD', 'Cloud services', 'Business or production software run as cloud services'),
 ('DATA_ANALYTICS_AI', 'Data analytics and AI', 'Statistical analysis, machine learning or AI on operational data'),
 ('DIGITAL_TWIN', 'Digital twin', 'A virtual model of a product, process or plant kept in step with it'),
 ('B2B_PLATFORM', 'E-commerce / B2B platform', 'Selling or buying through digital platforms'),
 ('CYBERSECURITY', 'Cybersecurity practice', 'Managed security controls, backups and incident response');
