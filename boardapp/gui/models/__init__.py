"""Table and tree models over plain rows from the services."""
