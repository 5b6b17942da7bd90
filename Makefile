# Storyline: `make demo` and `make test` work on a fresh clone; both create .venv and install into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_OUT ?= out/demo

.PHONY: install install-dense demo test bench bench-scale bench-dense polnear lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# pip < 24 trips over the duplicated lxml[html-clean] extra that our dependencies request.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade 'pip>=24.1'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	# tilse scores timelines (evaluation only); its declared dependencies (numba, textacy, beautifulsoup4,
	# pathlib2) are for its models, not its ROUGE, so it is installed without them.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps 'tilse==0.2.1'
	touch $(STAMP)

install: $(STAMP)

# The optional dense path (MiniLM embeddings; torch's CPU build). `make test` runs its tests
# when it is installed and skips them, saying so, when it is not.
install-dense: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,dense]' 'torch==2.13.0'

demo: $(STAMP)
	rm -rf $(DEMO_OUT)
	$(BIN)/storyline run examples/demo --out $(DEMO_OUT) --db $(DEMO_OUT)/storyline.db
	@echo "Open $(DEMO_OUT)/index.html (also $(DEMO_OUT)/report.md and $(DEMO_OUT)/storylines.json)"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m storyline.evaluation.bench

# The 1M-article synthetic stream of issue #4 (`make bench` runs a smaller one: STORYLINE_SCALE_N).
SCALE_N ?= 1000000
bench-scale: $(STAMP)
	$(BIN)/python -m storyline.evaluation.scale --n $(SCALE_N)

# PolNeAR articles for the quote evaluation (third-party; into STORYLINE_DATA/quotes/polnear).
polnear: $(STAMP)
	$(BIN)/python -m storyline.evaluation.polnear

bench-dense: install-dense
	$(BIN)/python -m storyline.evaluation.dense

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
