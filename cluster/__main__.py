"""python3 -m pccee.cluster: the PCCEE workflow over many scenes, or a per-pixel step over tiles of a huge scene,
on a Dask cluster (a LocalCluster by default). Exit status: 0 all done, 1 a scene or the tiled run failed, 2 bad
arguments or Dask missing."""
import argparse
import signal
import sys

from .client import DaskMissing, connect, default_workers
from .scenes import DEFAULT_OUTPUTS, WORKFLOW, WORKFLOW_OUTPUTS, run_jobs, scene_jobs, summary
from .tiles import DEFAULT_TILE, TILED_STEPS, TilesFailed, check_tiled_run, run_tiles

EXAMPLES = """examples:
  python3 -m pccee.cluster scenes scenes/*.tif --samples 'samples/{name}.gpkg' --out out --workers 4
  python3 -m pccee.cluster scenes scenes/*.tif --samples survey.gpkg --out out --scheduler tcp://head:8786
  python3 -m pccee.cluster tiles pccee:unmixabundances INPUT=huge_clean.tif ENDMEMBERS=topk.gpkg \\
      OUTPUT=abundances.tif OUTPUT_RESIDUAL=residual.tif --tile 2048
"""


def _assignment(text):
    if "=" not in text:
        raise argparse.ArgumentTypeError("'{}' is not NAME=value".format(text))
    return tuple(text.split("=", 1))


def _collect(assignments):
    """{name: value}, a name given twice becoming a list (qgis_process's way of passing several layers)."""
    values = {}
    for name, value in assignments or []:
        values[name] = value if name not in values else (
            values[name] + [value] if isinstance(values[name], list) else [values[name], value])
    return values


def parser():
    main = argparse.ArgumentParser(prog="python3 -m pccee.cluster", description=__doc__, epilog=EXAMPLES,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    where = argparse.ArgumentParser(add_help=False)
    group = where.add_argument_group("where it runs")
    group.add_argument("--scheduler", metavar="ADDRESS",
                       help="a running Dask scheduler (tcp://host:8786); default: a LocalCluster on this machine")
    group.add_argument("--workers", type=int, metavar="N",
                       help="workers of the LocalCluster (default {}: half the cores)".format(default_workers()))
    group.add_argument("--timeout", type=float, metavar="SECONDS", help="stop a scene or tile that runs longer")
    group.add_argument("--qgis-process", metavar="PATH", help="qgis_process on the workers (default: on the PATH)")
    commands = main.add_subparsers(dest="command", required=True)

    scenes = commands.add_parser("scenes", parents=[where], help="the workflow model on every scene, one task each",
                                 description="Runs the PCCEE workflow model on every scene; outputs go to "
                                             "OUT/<scene name>/ with the names of `make demo`.")
    scenes.add_argument("scenes", nargs="+", help="scene rasters (different file names)")
    scenes.add_argument("--samples", required=True,
                        help="soil samples: one file for all scenes, or a template such as 'samples/{name}.gpkg'")
    scenes.add_argument("--out", required=True, help="output folder (a sub-folder per scene)")
    scenes.add_argument("--outputs", default=",".join(DEFAULT_OUTPUTS),
                        help="model outputs to keep, comma-separated, or 'all' (default: all but badbands:clean_scene, "
                             "ppi:ppi_counts, prior:prior_angles); choices: " + ", ".join(WORKFLOW_OUTPUTS))
    scenes.add_argument("--set", dest="parameters", type=_assignment, action="append", metavar="NAME=VALUE",
                        help="another input of the model for every scene (k=5, prior_library=lib.gpkg)")
    scenes.add_argument("--algorithm", default=WORKFLOW,
                        help="the model: its id (default %(default)s) or a .model3 file with the inputs scene and "
                             "samples")

    tiles = commands.add_parser("tiles", parents=[where], help="a per-pixel step over tiles of one huge scene",
                                description="Runs a per-pixel step ({}) on tiles of its input and mosaics the "
                                            "outputs named.".format(", ".join(TILED_STEPS)))
    tiles.add_argument("algorithm", choices=sorted(TILED_STEPS))
    tiles.add_argument("parameters", nargs="+", type=_assignment, metavar="NAME=VALUE",
                       help="the step's parameters as for qgis_process, outputs included")
    tiles.add_argument("--tile", type=int, default=DEFAULT_TILE,
                       help="tile edge in pixels (default %(default)s; a multiple of 256)")
    tiles.add_argument("--scratch", help="folder for the tiles, writable by every worker (default: beside the output)")
    return main


def main(argv=None):
    arguments = parser().parse_args(argv)
    # SIGTERM ends the run as Ctrl-C does: the cluster closes, its qgis_process runs get SIGTERM and remove their
    # staged outputs, and the tiles' folder is removed.
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        if arguments.command == "scenes":
            outputs = "all" if arguments.outputs.strip() == "all" else [
                name.strip() for name in arguments.outputs.split(",") if name.strip()]
            jobs = scene_jobs(arguments.scenes, arguments.out, arguments.samples, outputs,
                              _collect(arguments.parameters), arguments.algorithm)
        else:
            check_tiled_run(arguments.algorithm, _collect(arguments.parameters))  # before a cluster starts
        with connect(arguments.scheduler, arguments.workers) as client:
            if arguments.command == "scenes":
                results = run_jobs(client, jobs, progress=_print, timeout=arguments.timeout,
                                   qgis_process=arguments.qgis_process)
                _print(summary(results))
                return 0 if all(result.ok for result in results) else 1
            written = run_tiles(client, arguments.algorithm, _collect(arguments.parameters), arguments.tile,
                                arguments.scratch, progress=_print, timeout=arguments.timeout,
                                qgis_process=arguments.qgis_process)
            _print("Written: " + ", ".join("{}={}".format(name, path) for name, path in written.items()))
            return 0
    except (DaskMissing, ValueError) as error:
        print("error: {}".format(error), file=sys.stderr)
        return 2
    except TilesFailed as error:
        print("error: {}".format(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted: the runs in progress were stopped; their outputs were not written.", file=sys.stderr)
        return 130


def _interrupted(number, frame):
    raise KeyboardInterrupt


def _print(line):
    print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
