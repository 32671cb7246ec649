"""Dialogs: each opens with open()/show() and reports back through signals, never exec()."""
