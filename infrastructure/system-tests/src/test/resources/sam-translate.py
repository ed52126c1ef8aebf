"""Prints a SAM template as the CloudFormation that `sam deploy` creates from it (the SAM transform), as JSON.

Usage: python3 sam-translate.py template.yaml [ParameterKey=Value ...]
Parameters not given take their defaults, as on a deploy without overrides.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicyLookup:
    """On a deploy, SAM looks managed policy names up in IAM; offline, they stay ARNs (which is what is checked)."""

    def load(self):
        return {}


with open(sys.argv[1]) as source:
    template = yaml_parse(source.read())
parameters = dict(argument.split("=", 1) for argument in sys.argv[2:])
for resource in template["Resources"].values():
    if resource["Type"] == "AWS::Serverless::Function":
        # sam deploy uploads the jar and writes its S3 location here; the translator accepts nothing else.
        resource["Properties"]["CodeUri"] = "s3://bucket/function.jar"
json.dump(transform(template, parameters, NoManagedPolicyLookup()), sys.stdout)
