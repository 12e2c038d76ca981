"""Measure: indicator definitions, data contract, engines and statistics."""
