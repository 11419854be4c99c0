"""`flowsmith bench`: the study harness comparing the fine-tuned SLM with prompted LLMs."""
