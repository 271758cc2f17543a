"""netdesk's shipped colour themes, one TOML file each; installed as the netdesk.themes package."""
