"""Language, knowing nothing of events: word patterns (``lexicon``), sentences, dates, numbers, and the
language tables of ``geo_events/lang/en`` (``tables``: how they are read; ``place_nouns``, ``directions``).

Step 2 of the pipeline (see README, "Architecture"): what the extraction stages
read English news text with.
"""
