/**
 * Synthetic HPA-like data in the real input format, deterministic by seed: square fluorescence fields of
 * cells (512², 1024², 2048² …) written as Kaggle channel PNGs — nucleus with chromatin texture and
 * nucleoli (blue), microtubules from the centrosome (red), a perinuclear ER mesh (yellow) — with the
 * protein (green) showing the ten localisation classes of {@link org.dragnj.datasets.synthetic.hpa.HpaPattern}.
 * A bag has several labels; each cell shows each of them only with {@code showProbability}, some cells show
 * a faint decoy of another class, some fields are out of focus, and there is pixel noise, so a single crop
 * is ambiguous while every label of a bag is shown clearly by at least one of its cells. Next to the images:
 * the grouping CSV (bag_id,image_id,labels), a Kaggle-style train.csv, classes.txt and the ground-truth
 * cell centres (cells.csv) for tests and benchmarks. See {@link org.dragnj.datasets.synthetic.hpa.SyntheticHpaDataset}.
 */
package org.dragnj.datasets.synthetic.hpa;

