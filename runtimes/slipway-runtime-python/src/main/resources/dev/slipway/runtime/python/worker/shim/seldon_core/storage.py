"""Storage.download: Slipway fetches a node's modelUri before the class starts, so the URI is a local path."""
import os


class Storage:
    @staticmethod
    def download(uri, out_dir=None):
        path = uri[len("file://"):] if uri.startswith("file://") else uri
        if "://" in path or not os.path.exists(path):
            raise ValueError(
                "Slipway's seldon_core can only 'download' a local path (Slipway fetches a node's modelUri "
                "before the model starts and passes model_uri as a folder): %r" % uri
            )
        if out_dir is None:
            return path
        import shutil
        if os.path.isdir(path):
            shutil.copytree(path, out_dir, dirs_exist_ok=True)
        else:
            os.makedirs(out_dir, exist_ok=True)
            shutil.copy(path, out_dir)
        return out_dir
