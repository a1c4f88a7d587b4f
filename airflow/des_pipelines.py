"""DES pull pipelines on Airflow (Amazon MWAA): one DAG per pipeline file.

Each DAG runs the pipeline's phases as three tasks, passing the run's ERID between them:

    fetch   ``des-pipeline run FILE --until submitted``: reads the window, stages it and submits
            it to DES under the run's ERID; the ERID is the task's last line of output (XCom).
    wait    polls DES's ``GET /v2/enrichment_requests/{erid}`` until the ERID is completed
            (a sensor in reschedule mode: it holds no worker slot while it waits).
    load    ``des-pipeline run FILE``: resumes the run at its last phase, loads the enriched
            rows and commits them with the watermark.

A failed task is retried by Airflow; ``des-pipeline run`` resumes the run where it stopped, with the
same window and ERID, so retries never load a row twice. The DAG's schedule is the file's
``schedule`` (UTC); ``max_active_runs=1`` keeps runs of one pipeline from overlapping.

Configuration (Airflow Variables or environment): ``DES_PIPELINES_DIR`` (the folder of pipeline
files), ``DES_PIPELINE_CMD`` (the launcher, default ``des-pipeline``), ``DES_URL``, ``DES_API_KEY``
and ``DES_PIPELINE_STATE`` (a state directory every worker shares, e.g. on EFS). See
docs/pipelines.md, "Airflow (MWAA)".
"""

import json
import os
import shlex
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

import yaml
from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.sensors.python import PythonSensor

PIPELINES_DIR = os.environ.get("DES_PIPELINES_DIR", os.path.join(os.path.dirname(__file__), "pipelines"))
COMMAND = os.environ.get("DES_PIPELINE_CMD", "des-pipeline")
DES_URL = os.environ.get("DES_URL", "http://127.0.0.1:8080").rstrip("/")


def erid_status(erid):
    """The ERID's status as DES's history reports it: inexistent, incomplete, completed or expired."""
    request = urllib.request.Request(DES_URL + "/v2/enrichment_requests/" + erid)
    api_key = os.environ.get("DES_API_KEY")
    if api_key:
        request.add_header("Authorization", "Bearer " + api_key)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer).get("status", "inexistent")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return "inexistent"
        raise


def erid_completed(erid):
    """True once DES completed the ERID; an expired ERID fails the task (its records can no longer complete)."""
    status = erid_status(erid.strip())
    if status == "expired":
        raise RuntimeError("ERID " + erid + " expired before it completed")
    return status == "completed"


def pipeline_dag(path):
    with open(path) as source:
        spec = yaml.safe_load(source)
    name = spec["pipelineName"]
    run = COMMAND + " run " + shlex.quote(path) + " --url " + shlex.quote(DES_URL)
    dag = DAG(
        dag_id="des_pipeline_" + name,
        schedule=spec.get("schedule"),
        start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
        catchup=False,
        max_active_runs=1,
        default_args={"retries": 3, "retry_delay": timedelta(minutes=2)},
        tags=["des", "pipeline"],
    )
    with dag:
        fetch = BashOperator(task_id="fetch", bash_command=run + " --until submitted", do_xcom_push=True)
        wait = PythonSensor(
            task_id="wait_for_erid",
            python_callable=erid_completed,
            op_args=["{{ ti.xcom_pull(task_ids='fetch') }}"],
            mode="reschedule",
            poke_interval=60,
            timeout=12 * 3600,
        )
        load = BashOperator(task_id="load", bash_command=run)
        fetch >> wait >> load
    return dag


if os.path.isdir(PIPELINES_DIR):
    for entry in sorted(os.listdir(PIPELINES_DIR)):
        if entry.endswith((".yaml", ".yml")):
            built = pipeline_dag(os.path.join(PIPELINES_DIR, entry))
            globals()[built.dag_id] = built
