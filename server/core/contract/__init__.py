"""The API contract: what a request may send (`requests.py`: strict bodies and query flags,
bounded nesting) and the OpenAPI document that tells what every operation answers (`openapi.py`)."""
