"""The diffusion notebook runs clean, top to bottom, on the example reports."""
from __future__ import annotations

import nbclient  # the dev extra: pip install -e '.[dev]'
import nbformat

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "diffusion.ipynb"


def test_the_diffusion_notebook_runs_clean(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "reports built" in text and "三会一课" in text and "→" in text
    assert any("image/png" in o.get("data", {}) for o in outputs)   # the plot is shown
