"""The demo runner: a plausible, reproducible training log (``make demo``).

plan.py plans it whole in memory from one seed (records.py: what it produces;
training.py and soreness.py: how); seed.py writes it to the database.
"""
