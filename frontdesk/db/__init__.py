"""Database layer: engine factory, declarative models and the migration runner."""
