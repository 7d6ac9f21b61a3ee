"""Speed and memory benchmarks of the curriculum (run ``python -m bench``)."""
