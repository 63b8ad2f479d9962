namespace AnalyticsCenter.Demo;

/// <summary>
/// xoshiro256** seeded through SplitMix64: small, fast and the same on every runtime, unlike the seeded
/// <see cref="Random"/> whose algorithm is an implementation detail.
/// </summary>
internal sealed class Rng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, n); n must be positive.</summary>
    public int Next(int n) => (int)Math.BigMul(NextUInt64(), (ulong)n, out _);

    /// <summary>A uniform integer in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>A uniform long in [0, n); n must be positive.</summary>
    public long NextLong(long n) => (long)Math.BigMul(NextUInt64(), (ulong)n, out _);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Exponentially distributed with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Log-normally distributed around <paramref name="median"/>; sigma is the spread in natural log units.</summary>
    public double LogNormal(double median, double sigma)
    {
        // Box-Muller; one of the pair is enough here.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * z);
    }

    /// <summary>An index drawn by the cumulative weights (last element is the total).</summary>
    public int Pick(double[] cumulative)
    {
        var x = NextDouble() * cumulative[^1];
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (x < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    /// <summary>The SplitMix64 step, also a good 64-bit mixing function.</summary>
    public static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>A bijective 64-bit mixer (SplitMix64's finalizer).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static double[] Cumulative(params double[] weights)
    {
        var result = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }
}
