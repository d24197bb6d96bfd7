-- Runs once, when the postgres:15 container initialises its volume: Keycloak's own database
-- (the platform database `prosmed` is POSTGRES_DB).
CREATE DATABASE keycloak;
