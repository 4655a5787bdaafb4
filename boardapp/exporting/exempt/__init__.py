"""Part II (exempt) business: what it is (`part2.py`) and the guard that keeps it out of public files."""
