"""The county hub: receives signed daily reports from clinics and shows the county dashboard."""
