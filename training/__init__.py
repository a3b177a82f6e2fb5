"""Training (Schulungen): the editor handbook in the admin and the practice area."""
