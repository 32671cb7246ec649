"""Rules of the front desk that need neither a database nor a window (pure Python)."""
