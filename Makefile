# Two commands a new user needs:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

## Install into .venv and build the knowledge graph of the bundled example reports into output/
demo: install
	$(BIN)/kg build examples/reports -o output

## Install the development dependencies into .venv and run the whole test suite
test: install-dev
	$(BIN)/python -m pytest

clean:
	rm -rf output/* build *.egg-info
	touch output/.gitkeep
