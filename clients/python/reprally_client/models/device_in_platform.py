from typing import Literal

DeviceInPlatform = Literal['android', 'ios', 'web']

DEVICE_IN_PLATFORM_VALUES: set[DeviceInPlatform] = { 'android', 'ios', 'web',  }

def check_device_in_platform(value: str) -> DeviceInPlatform:
    if value in DEVICE_IN_PLATFORM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DEVICE_IN_PLATFORM_VALUES!r}")
