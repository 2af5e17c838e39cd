/** The pre-flight pass: every instance image decoded once, in parallel, remembered across runs. */
package org.dragnj.datasets.survey;

