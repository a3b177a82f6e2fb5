"""docker-compose.yml must stay in step with the settings (no Docker engine runs here to try it)."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_IN_PRODUCTION = re.compile(r"require_env\((.*?)\)", re.S)


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def production_required_variables() -> set[str]:
    source = (ROOT / "portal/settings/production.py").read_text()
    (arguments,) = REQUIRED_IN_PRODUCTION.findall(source)
    return set(re.findall(r'"([A-Z_]+)"', arguments))


def test_web_service_sets_every_variable_production_requires():
    web_env = compose()["services"]["web"]["environment"]
    assert production_required_variables() <= set(web_env)
    assert web_env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"


def test_database_and_cache_urls_point_at_the_compose_services():
    config = compose()
    web_env = config["services"]["web"]["environment"]
    assert "@db:5432/" in web_env["DATABASE_URL"]
    assert web_env["REDIS_URL"].startswith("redis://redis:6379")
    assert config["services"]["db"]["environment"]["POSTGRES_DB"] == "portal"


def test_web_waits_for_healthy_services_that_have_healthchecks():
    services = compose()["services"]
    for dependency, rule in services["web"]["depends_on"].items():
        assert dependency in services
        assert rule["condition"] == "service_healthy"
        assert "healthcheck" in services[dependency]


def test_no_secret_is_written_into_the_compose_file():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "${SECRET_KEY:?" in text
    assert "${POSTGRES_PASSWORD:?" in text


def test_web_serves_the_health_check_the_compose_file_probes(client, db):
    probe = " ".join(compose()["services"]["web"]["healthcheck"]["test"])
    path = re.search(r"127\.0\.0\.1:8000(/\S*?)'", probe).group(1)
    assert client.get(path).status_code == 200


def test_worker_runs_the_task_queue_and_periodic_jobs_with_the_web_configuration():
    services = compose()["services"]
    # scheduling's worker: django_tasks_db's db_worker plus the periodic jobs.
    assert services["worker"]["command"][:3] == ["python", "manage.py", "worker"]
    assert services["worker"]["environment"] == services["web"]["environment"]


def test_the_worker_command_accepts_the_compose_arguments(settings):
    from django.core.management import load_command_class

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    command = load_command_class("scheduling", "worker")
    arguments = compose()["services"]["worker"]["command"][3:]
    options = command.create_parser("manage.py", "worker").parse_args(arguments)
    assert options.interval == 1
    assert options.reload is False


def test_elasticsearch_service_matches_the_search_settings():
    services = compose()["services"]
    assert services["web"]["environment"]["ELASTICSEARCH_URL"].endswith(
        "http://elasticsearch:9200}"
    )
    assert services["elasticsearch"]["image"].split(":")[-1].startswith("8.")


def test_varnish_runs_the_portal_vcl_in_front_of_web_and_is_purged_by_web_and_worker():
    services = compose()["services"]
    varnish = services["varnish"]
    assert varnish["image"].split(":")[-1].startswith("7.")
    assert "./deploy/varnish:/etc/varnish/portal:ro" in varnish["volumes"]
    assert "/etc/varnish/portal/default.vcl" in varnish["command"]
    assert '"s/@BACKEND_HOST@/web/"' in varnish["command"]
    assert '"s/@BACKEND_PORT@/8000/"' in varnish["command"]
    assert "127.0.0.1:8080:80" in varnish["ports"]
    assert "healthcheck" in varnish
    for name in ("web", "worker"):
        assert services[name]["environment"]["PORTAL_VARNISH_URL"].endswith("http://varnish:80}")


def test_varnish_accepts_purges_from_the_compose_network_only():
    subnet = compose()["networks"]["default"]["ipam"]["config"][0]
    vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
    network, bits = subnet["subnet"].split("/")
    assert f'"{network}"/{bits};' in vcl
    assert f'! "{subnet["gateway"]}";' in vcl


def test_every_long_running_service_has_a_healthcheck():
    services = compose()["services"]
    for name in ("web", "worker", "varnish", "db", "redis", "elasticsearch"):
        assert "healthcheck" in services[name], name
