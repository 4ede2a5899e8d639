"""kg's public surface: __all__ and the real exports stay equal."""
import types

import kg


def test_all_names_resolve_to_functions_and_classes():
    import kg.extract.pipeline  # noqa: F401  loading a stage module must not shadow kg.extract
    for name in kg.__all__:
        assert not isinstance(getattr(kg, name), types.ModuleType), name


def test_all_is_the_public_surface():
    public = {name for name, value in vars(kg).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert public == set(kg.__all__)
