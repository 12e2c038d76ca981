"""Improvement plans: workstreams, actions, dated updates and RAG assessments."""
