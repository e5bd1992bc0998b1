"""casefiles package."""
