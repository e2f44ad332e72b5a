"""Traffic for bench_load.py: API list endpoints and country pages, as browsers and scripts
would hit them (no think time: a closed loop of 50 clients is a worst case)."""

import random

from locust import FastHttpUser, constant, task

COUNTRIES = ["MLI", "XKX", "ARM", "COD", "SDN", "SOM", "CAF", "BIH", "AFG", "LBR"]
LISTS = [
    "/api/v1/missions",
    "/api/v1/missions?country=MLI",
    "/api/v1/organizations",
    "/api/v1/exchanges",
    "/api/v1/sources?limit=100",
    "/api/v1/acts?sort=-date",
    "/api/v1/missions?function=ssr&sort=-start_date",
]


class Visitor(FastHttpUser):  # the cheap client leaves the cores to the server
    wait_time = constant(0)

    @task(3)
    def api_list(self):
        self.client.get(random.choice(LISTS), name="api list")

    @task(1)
    def country_page(self):
        self.client.get(f"/countries/{random.choice(COUNTRIES)}/", name="country page")
