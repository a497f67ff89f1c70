"""Money and lifecycle as facts a flow can route on and quote: their names and kinds
(specs), when each group is worked out (lazy), and the provider that computes them."""
