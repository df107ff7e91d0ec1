"""amend"""
