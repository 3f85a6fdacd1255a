"""textrepair's benchmark suite: corpus generator, throughput against peers, accuracy table.

    python -m benchmarks            # default sizes (under 10 minutes on 2 cores)
    python -m benchmarks --quick    # under a minute; what CI runs
"""
