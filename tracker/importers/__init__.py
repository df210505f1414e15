"""Readers for activity files (GPX, TCX, FIT, gzip) and Strava bulk exports.

Pure parsing: these modules never import Django, so they run without a
configured project or a database.
"""
