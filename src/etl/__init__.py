"""Nightly ETL of the news published by Vietnam's information-and-communications portals.

The package follows the data: ``config`` (sources) -> ``discover`` -> ``fetch`` -> ``raw`` ->
``clean`` -> ``extract`` -> ``quality`` -> ``store``. Every stage runs without Prefect; the
``flows`` package only orchestrates them.
"""

__version__ = "0.1.0"
