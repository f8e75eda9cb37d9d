# asnresearch: `make report` builds the brief from the bundled data; `make test` runs every test.
# Both create .venv with the locked versions first (Python 3.11+ and internet access to PyPI).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NBDIR  := notebooks
BUILD  := build
export PYTHONHASHSEED := 0

.DEFAULT_GOAL := help
.PHONY: help setup test test-portable report notebooks lab lint datapackage lock benchmark clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(STAMP) ## Create .venv with the exact versions in requirements.lock

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

test: $(STAMP) ## Run unit tests, doctests and the notebooks under nbval
	$(PY) -m pytest --nbval --nbval-current-env tests asnresearch $(NBDIR)

# OpenBLAS kernels other than the one this CPU picks; numpy's wheels ship them all.
CORETYPES := Prescott Haswell

test-portable: $(STAMP) ## Rerun the notebooks under nbval with other BLAS kernels, one thread each
	@for core in $(CORETYPES); do \
		echo "notebooks under OPENBLAS_CORETYPE=$$core, one thread"; \
		OPENBLAS_CORETYPE=$$core OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
			$(PY) -m pytest --nbval --nbval-current-env $(NBDIR) || exit 1; \
	done

report: $(STAMP) ## Execute the notebooks and export the report to reports/ (HTML and PDF)
	$(PY) -m asnresearch.cli report --out reports

# Each notebook is a pair, NN-name.py and NN-name.ipynb (notebooks/jupytext.toml). The first
# sync copies the cells of the newer file of each pair into the older one (outputs stay in the
# .ipynb) and pairs a lone file; the last one carries over anything the run changed in a cell.
# Execute only some: make notebooks NOTEBOOKS=notebooks/04-enforcement-outcomes.ipynb
NOTEBOOKS ?= $(NBDIR)/[0-9]*.ipynb
notebooks: $(STAMP) ## Sync each .py/.ipynb pair (newer file wins), then re-execute in place
	@mkdir -p $(BUILD)/notebooks
	$(VENV)/bin/jupytext --sync --quiet $(NBDIR)/[0-9]*.py $(NBDIR)/[0-9]*.ipynb
	@for nb in $(NOTEBOOKS); do \
		echo "executing $$nb"; \
		OPENBLAS_NUM_THREADS=1 $(VENV)/bin/jupyter nbconvert --log-level=WARN --to notebook \
			--execute --ExecutePreprocessor.timeout=600 --output-dir=$(BUILD)/notebooks "$$nb" \
		&& cp "$(BUILD)/notebooks/$$(basename $$nb)" "$$nb" || exit 1; \
	done
	$(VENV)/bin/jupytext --sync --quiet $(NBDIR)/[0-9]*.ipynb

lab: $(STAMP) ## Start JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab --notebook-dir=$(NBDIR)

lint: $(STAMP) ## Check style with ruff
	$(VENV)/bin/ruff check asnresearch tests benchmarks

datapackage: $(STAMP) ## Regenerate data/reference/regions.csv, data/CODEBOOK.md and datapackage.json
	$(PY) -m asnresearch.cli datapackage

lock: ## Re-resolve the newest allowed versions into requirements.lock
	rm -rf $(BUILD)/lockvenv && $(PYTHON) -m venv $(BUILD)/lockvenv
	$(BUILD)/lockvenv/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BUILD)/lockvenv/bin/pip freeze --exclude-editable | grep -v '^asnresearch' > requirements.lock

benchmark: $(STAMP) ## Run the scripts in benchmarks/ and print their figures
	@for b in benchmarks/*.py; do $(PY) "$$b" || exit 1; done

clean: ## Remove .venv, build/ and reports/
	rm -rf $(VENV) $(BUILD) reports
