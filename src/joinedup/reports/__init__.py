"""Board highlight reports and review reports in HTML, PDF, DOCX and XLSX."""
