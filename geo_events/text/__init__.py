"""Language, knowing nothing of events: word patterns (``lexicon``), sentences, dates and numbers.

Step 2 of the pipeline (see README, "Architecture"): what the extraction stages
read English news text with.
"""
