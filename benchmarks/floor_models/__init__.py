"""A frozen copy of ccmctl's models (ccmctl/schema and the domain types they use, as of
commit 1a51687) for the floor (benchmarks/floor.py): the validators added since count
against ccmctl, not against the floor. Never imported by ccmctl; not to be edited but
replaced as a whole, and the change said in the commit, when the data outgrows it."""
