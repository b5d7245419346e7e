"""Background work on an existing queue (huey): large imports, run by `worker` or in `serve`."""
