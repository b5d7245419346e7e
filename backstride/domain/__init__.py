"""The pure core: rules, models and maths, with no database, web, terminal or clock."""
