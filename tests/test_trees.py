import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from storyline.trees import BoostedTrees, export_trees


def test_exported_trees_reproduce_scikit_learn() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    y = (x[:, 0] + 0.5 * x[:, 3] > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(x, y)
    trees = BoostedTrees(**BoostedTrees.arrays(export_trees(clf)))
    np.testing.assert_allclose(trees.log_odds(x), clf.decision_function(x), atol=1e-4)
    assert trees.log_odds(np.zeros((0, 5))).shape == (0,)
