"""The development corpus, scored with the thresholds of the extraction issue."""

from __future__ import annotations

from goalnlp.evaluate import evaluate, load_records


def test_seed_corpus_meets_thresholds(dev_predictions, dev_gold_dir):
    report = evaluate(load_records(dev_gold_dir), dev_predictions)
    assert report.name.f1 >= 0.98, report.summary_line()
    assert report.triple.f1 >= 0.95, report.summary_line()
    assert report.field_accuracy["level2"].accuracy >= 0.98
    assert report.linking_recall >= 0.94
    assert report.table.f1 >= 0.98
    assert report.funds_accuracy >= 0.95


def test_no_indicator_from_final_account_tables(dev_predictions):
    # Seed 001 holds final-account (决算) tables before line 1090: none of them are targets.
    recs = [r for r in dev_predictions if r["doc"].startswith("001_") and r["record"] == "indicator"]
    assert recs, "seed 001's self-evaluation tables hold indicators"
    assert min(r["line_start"] for r in recs) > 1090


def test_every_record_has_provenance(dev_predictions):
    for r in dev_predictions:
        assert 1 <= r["line_start"] <= r["line_end"], r
