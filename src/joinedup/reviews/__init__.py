"""Review programmes, reviews, milestones, evidence, findings and follow-ups."""
