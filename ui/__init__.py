"""The Qt desktop front end of Assessor. It uses the domain only through ``assessor``."""
