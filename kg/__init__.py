"""kg: knowledge graphs of Chinese local-governance reports."""
