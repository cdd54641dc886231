package dev.abkit.core.results;

/**
 * The standard normal distribution.
 *
 * <p>The tails come from erfc through the incomplete gamma function, erfc(x) = Q(1/2, x²) for x ≥ 0 (Numerical
 * Recipes in C, 2nd ed., section 6.2), so a p-value of 1e-20 keeps its relative precision instead of vanishing in
 * 1 - Φ. The quantile is P. J. Acklam's rational approximation ("An algorithm for computing the inverse normal
 * cumulative distribution function", 2003; relative error below 1.15e-9) followed by one Halley step on the exact
 * CDF, as Acklam recommends, which brings it to about 1e-15.
 */
final class NormalDistribution {

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
    private static final double LOW_REGION = 0.02425;

    private NormalDistribution() {
    }

    /** Φ(z) = P(Z ≤ z). */
    static double cdf(double z) {
        double tail = 0.5 * GammaFunction.regularizedUpper(0.5, z * z / 2);
        return z < 0 ? tail : 1 - tail;
    }

    /** P(Z &gt; z) = Φ(-z), accurate in relative terms far into the tail. */
    static double upperTail(double z) {
        return cdf(-z);
    }

    /** Φ⁻¹(p) for 0 &lt; p &lt; 1. */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("normal quantile needs 0 < p < 1 (got " + p + ")");
        }
        double x = acklam(p);
        double error = cdf(x) - p;
        double u = error * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
        return x - u / (1 + x * u / 2);
    }

    private static double acklam(double p) {
        if (p < LOW_REGION) {
            double q = Math.sqrt(-2 * Math.log(p));
            return tail(q);
        }
        if (p > 1 - LOW_REGION) {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            return -tail(q);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    private static double tail(double q) {
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
}
