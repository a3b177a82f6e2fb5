"""The benchmark's figures, printed side by side."""


def print_summary(results: dict, args) -> None:
    query = results["queries"]
    terms = query["terms"]
    print(f"\nSearch benchmark: {terms['total']:,} contributions")
    if "index" in results:
        index = results["index"]
        print(
            f"Portal index build: {index['seconds']:.0f} s, "
            f"indexer peak memory {index['peak_mb']:.0f} MB, "
            f"table {index['table_mb']:.0f} MB, lexicon {index['lexicon_mb']:.0f} MB"
        )
    if "stock-index" in results:
        stock = results["stock-index"]
        print(
            f"Wagtail stock index build: {stock['seconds']:.0f} s, "
            f"peak memory {stock['peak_mb']:.0f} MB"
        )
    print(
        f"Terms: selective {terms['selective']}, frequent {terms['frequent']} "
        f"(share {terms['frequent_share']}), worst {terms['worst']} ({terms['worst_share']}), "
        f"phrase {terms['phrase']}, typo {terms['typo']}, partial {terms.get('partial')}, "
        f"question {terms.get('question')}"
    )
    for concurrency, rows in query["tables"].items():
        print(f"\n{concurrency} concurrent clients")
        print(
            f"{'query kind':<12} {'portal p50':>11} {'p95':>8} {'stock p50':>10} {'p95':>8} "
            f"{'speed-up p95':>13}"
        )
        for kind, row in rows.items():
            stock_p50 = f"{row['stock_p50']:.0f}" if row["stock_p50"] is not None else "-"
            stock_p95 = f"{row['stock_p95']:.0f}" if row["stock_p95"] is not None else "-"
            speedup = f"{row['stock_p95'] / row['p95']:.0f}x" if row["stock_p95"] else "-"
            print(
                f"{kind:<12} {row['p50']:>9.1f}ms {row['p95']:>6.1f}ms "
                f"{stock_p50:>8}ms {stock_p95:>6}ms {speedup:>13}"
            )
