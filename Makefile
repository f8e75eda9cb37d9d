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
.PHONY: help setup test test-portable report notebooks explore lab lint datapackage train-scorer lock benchmark clean

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
# Widget state is not stored (00-explore's would be hundreds of kB; Voila rebuilds it anyway).
NOTEBOOKS ?= $(NBDIR)/[0-9]*.ipynb
notebooks: $(STAMP) ## Sync each .py/.ipynb pair (newer file wins), then re-execute in place
	@mkdir -p $(BUILD)/notebooks
	$(VENV)/bin/jupytext --sync --quiet $(NBDIR)/[0-9]*.py $(NBDIR)/[0-9]*.ipynb
	@for nb in $(NOTEBOOKS); do \
		echo "executing $$nb"; \
		OPENBLAS_NUM_THREADS=1 $(VENV)/bin/jupyter nbconvert --log-level=WARN --to notebook \
			--execute --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.store_widget_state=False \
			--output-dir=$(BUILD)/notebooks "$$nb" \
		&& cp "$(BUILD)/notebooks/$$(basename $$nb)" "$$nb" || exit 1; \
	done
	$(VENV)/bin/jupytext --sync --quiet $(NBDIR)/[0-9]*.ipynb

# The explorer (notebooks/00-explore) as an app, on this machine only, fetching nothing from the
# internet: Voila serves the widgets' JavaScript itself and the page template in
# notebooks/voila/templates/explore drops the lab template's CDN style sheets. The options are
# asnresearch.explore.VOILA_OPTIONS (tests/test_explore.py checks they agree); Voila runs
# through asnresearch.explore.serve_voila, which spares the server a slow optional import.
explore: $(STAMP) ## Serve the explorer with Voila at http://127.0.0.1:8866
	JUPYTER_PATH=$(NBDIR) $(PY) -m asnresearch.explore --port=8866 --no-browser --Voila.ip=127.0.0.1 \
		--template=explore --preheat_kernel=True \
		--VoilaConfiguration.extension_denylist=jupyterlab-jupytext \
		--VoilaConfiguration.extension_denylist=@voila-dashboards/jupyterlab-preview \
		$(NBDIR)/00-explore.ipynb

lab: $(STAMP) ## Start JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab --notebook-dir=$(NBDIR)

lint: $(STAMP) ## Check style with ruff
	$(VENV)/bin/ruff check asnresearch tests benchmarks scripts notebooks/*.py

datapackage: $(STAMP) ## Regenerate data/reference/regions.csv, data/CODEBOOK.md and datapackage.json
	$(PY) -m asnresearch.cli datapackage

# The learned comment scorer's weights (asnresearch/weights/comment_scorer.npz and its card):
# from scripts/labelling/corpus.csv (train and dev) and the public SmSA and NusaX-senti training
# splits in ../shared/external. The same data and library versions give the same bytes.
EXTERNAL ?= ../shared/external
train-scorer: $(STAMP) ## Retrain the learned comment scorer's weights (needs SmSA and NusaX-senti in EXTERNAL)
	$(PY) scripts/labelling/train_scorer.py --external $(EXTERNAL)

lock: ## Re-resolve the newest allowed versions into requirements.lock
	rm -rf $(BUILD)/lockvenv && $(PYTHON) -m venv $(BUILD)/lockvenv
	$(BUILD)/lockvenv/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BUILD)/lockvenv/bin/pip freeze --exclude-editable | grep -v '^asnresearch' > requirements.lock

benchmark: $(STAMP) ## Run the scripts in benchmarks/ and print their figures
	@for b in benchmarks/*.py; do $(PY) "$$b" || exit 1; done

clean: ## Remove .venv, build/ and reports/
	rm -rf $(VENV) $(BUILD) reports
