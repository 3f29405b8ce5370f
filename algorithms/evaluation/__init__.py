"""Evaluation: the paper's tables, the endmember workflows (Table 1) and the unmixing methods (Table 2) compared."""
