package dev.abkit.core.results;

/**
 * The regularized incomplete beta function I_x(a, b), after Press et al., Numerical Recipes in C, 2nd ed. (1992),
 * section 6.4 ({@code betai}, {@code betacf}): Lentz's continued fraction, evaluated directly where
 * x &lt; (a + 1) / (a + b + 2) and through I_x(a, b) = 1 - I_{1-x}(b, a) elsewhere, each run to a relative step of
 * 1e-15. It needs O(√max(a, b)) steps, so the iteration cap allows degrees of freedom into the billions.
 */
final class BetaFunction {

    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 1_000_000;

    private BetaFunction() {
    }

    static double regularized(double x, double a, double b) {
        if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException(
                    "incomplete beta needs a, b > 0 and 0 <= x <= 1 (got " + x + ", " + a + ", " + b + ")");
        }
        if (x == 0 || x == 1) {
            return x;
        }
        double front = Math.exp(GammaFunction.logGamma(a + b) - GammaFunction.logGamma(a) - GammaFunction.logGamma(b)
                + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double sum = a + b;
        double aPlusOne = a + 1;
        double aMinusOne = a - 1;
        double c = 1;
        double d = nonZero(1 - sum * x / aPlusOne);
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int twoM = 2 * m;
            double even = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            h *= d * c;
            double odd = -(a + m) * (sum + m) * x / ((a + twoM) * (aPlusOne + twoM));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    private static double nonZero(double value) {
        return Math.abs(value) < TINY ? TINY : value;
    }
}
