.PHONY: install test fuzz fuzz-quick bench
install:
	python -m pip install -e '.[dev]'
test:
	python -m pytest -q
fuzz:
	python fuzz/fuzz_textrepair.py --seconds 600
fuzz-quick:
	python fuzz/fuzz_textrepair.py --seconds 60
bench:
	python -m benchmarks
